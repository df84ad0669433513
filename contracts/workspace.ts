import { Type, type Static } from 'typebox'

/** Languages the web app ships; a workspace's default language is one of them. */
export const WORKSPACE_LOCALES = ['en', 'ru', 'fa', 'lt'] as const
export type WorkspaceLocale = (typeof WORKSPACE_LOCALES)[number]

/** A workspace's name and regional defaults, as GET /api/v1/workspace answers them. */
export interface WorkspaceSettings {
  id: string
  name: string
  /** The web app's language for members who have not picked one. */
  locale: string
  /** ISO 4217; money entered without a currency is in this one. */
  defaultCurrency: string
  /** ISO 3166-1 alpha-2; phone numbers without a country code are read as this country's. */
  defaultCountry: string
}

/** PATCH /api/v1/workspace: any subset; administrators only. */
export const UpdateWorkspaceBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    locale: Type.Optional(Type.Unsafe<WorkspaceLocale>({ type: 'string', enum: [...WORKSPACE_LOCALES] })),
    defaultCurrency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    defaultCountry: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateWorkspaceBody = Static<typeof UpdateWorkspaceBody>
