/** Job titles per language: [male, female] (identical where the language has no gendered titles). */
function titles(list: string[]): [string[], string[]] { return [list, list] }
export const JOB_TITLES: [string[], string[]][] = [
  titles(['Sales Manager', 'Account Executive', 'Software Engineer', 'Project Manager', 'Marketing Manager',
    'Operations Manager', 'Office Manager', 'Purchasing Manager', 'Product Manager', 'Customer Success Manager',
    'Business Development Manager', 'Financial Controller', 'HR Manager', 'Logistics Coordinator', 'IT Director',
    'Head of Procurement', 'VP of Sales', 'VP of Marketing', 'CFO', 'CTO', 'COO', 'CEO']),
  titles(['Менеджер по продажам', 'Менеджер по работе с клиентами', 'Инженер-программист', 'Менеджер проектов',
    'Бухгалтер', 'Менеджер по закупкам', 'Маркетолог', 'Офис-менеджер', 'Аналитик', 'Специалист по логистике',
    'HR-менеджер', 'Юрист', 'Руководитель отдела продаж', 'Главный бухгалтер', 'Руководитель IT-отдела',
    'Директор по развитию', 'Коммерческий директор', 'Финансовый директор', 'Технический директор',
    'Генеральный директор']),
  titles(['کارشناس فروش', 'کارشناس پشتیبانی مشتریان', 'برنامه\u200cنویس', 'مدیر پروژه', 'حسابدار', 'کارشناس خرید',
    'کارشناس بازاریابی', 'مسئول دفتر', 'تحلیلگر داده', 'کارشناس لجستیک', 'مدیر منابع انسانی', 'مشاور حقوقی',
    'مدیر فروش', 'مدیر مالی', 'مدیر فناوری اطلاعات', 'مدیر توسعه کسب\u200cوکار', 'مدیر بازرگانی', 'مدیر عملیات',
    'مدیر فنی', 'مدیرعامل']),
  ((): [string[], string[]] => {
    const t: [string, string][] = [
      ['Pardavimų vadybininkas', 'Pardavimų vadybininkė'], ['Klientų aptarnavimo specialistas', 'Klientų aptarnavimo specialistė'],
      ['Programuotojas', 'Programuotoja'], ['Projektų vadovas', 'Projektų vadovė'], ['Buhalteris', 'Buhalterė'],
      ['Pirkimų vadybininkas', 'Pirkimų vadybininkė'], ['Rinkodaros vadybininkas', 'Rinkodaros vadybininkė'],
      ['Administratorius', 'Administratorė'], ['Duomenų analitikas', 'Duomenų analitikė'],
      ['Logistikos specialistas', 'Logistikos specialistė'], ['Personalo vadovas', 'Personalo vadovė'],
      ['Teisininkas', 'Teisininkė'], ['Pardavimų vadovas', 'Pardavimų vadovė'],
      ['Vyriausiasis buhalteris', 'Vyriausioji buhalterė'], ['IT skyriaus vadovas', 'IT skyriaus vadovė'],
      ['Verslo plėtros vadovas', 'Verslo plėtros vadovė'], ['Komercijos direktorius', 'Komercijos direktorė'],
      ['Finansų direktorius', 'Finansų direktorė'], ['Technologijų direktorius', 'Technologijų direktorė'],
      ['Generalinis direktorius', 'Generalinė direktorė'],
    ]
    return [t.map((x) => x[0]), t.map((x) => x[1])]
  })(),
]
