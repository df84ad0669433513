export const IMPORT_PATH = '/import'
export const IMPORTS_PATH = '/imports'
export const importPath = (object?: string) => (object ? `${IMPORT_PATH}?object=${encodeURIComponent(object)}` : IMPORT_PATH)
