/** One record: the editable record page lives in features/record (fields, timeline, related lists). */
export { RecordView as RecordPage } from '../record/RecordView.js'
