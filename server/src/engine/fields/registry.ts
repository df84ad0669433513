import type { FieldType } from '../../../../contracts/field-types.js'
import type { FieldTypeHandler } from './field-type.js'
import { booleanType, dateTimeType, dateType, longTextType, numberType, ratingType, textType, urlType } from './scalar.js'
import { emailType, multiSelectType, phoneType, selectType } from './lists.js'
import { addressType, currencyType } from './composite.js'
import { linksType, relationType } from './relation.js'

/** The one switch on field type. Adding a type means adding a handler here, nothing else. */
export const FIELD_HANDLERS: Record<FieldType, FieldTypeHandler> = {
  text: textType,
  longText: longTextType,
  number: numberType,
  currency: currencyType,
  date: dateType,
  dateTime: dateTimeType,
  boolean: booleanType,
  select: selectType,
  multiSelect: multiSelectType,
  email: emailType,
  phone: phoneType,
  url: urlType,
  address: addressType,
  rating: ratingType,
  relation: relationType,
  links: linksType,
}

export const handlerOf = (type: FieldType): FieldTypeHandler => FIELD_HANDLERS[type]
