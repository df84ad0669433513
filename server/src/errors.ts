import { PROBLEMS, type FieldProblem, type Problem, type ProblemCode } from '../../contracts/problems.js'

/** The one error class. Throw sites name a code; status comes from the catalogue. */
export class AppError extends Error {
  readonly code: ProblemCode
  readonly errors?: FieldProblem[]
  readonly extensions?: Record<string, unknown>

  constructor(
    code: ProblemCode,
    detail?: string,
    options: { errors?: FieldProblem[]; extensions?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(detail ?? PROBLEMS[code].title, { cause: options.cause })
    this.code = code
    this.errors = options.errors
    this.extensions = options.extensions
  }

  get status(): number {
    return PROBLEMS[this.code].status
  }

  toProblem(): Problem {
    const problem: Problem = {
      ...this.extensions,
      type: `/problems/${this.code}`,
      title: PROBLEMS[this.code].title,
      status: this.status,
      detail: this.message,
      code: this.code,
    }
    if (this.errors?.length) problem.errors = this.errors
    return problem
  }
}

/** Shorthand for the most common throw: one field is wrong. */
export function fieldError(pointer: string, detail: string, code: ProblemCode = 'validation-failed'): AppError {
  return new AppError(code, `${pointer || '/'}: ${detail}`, { errors: [{ pointer, detail }] })
}

/** Collects field problems and throws them together, so a client fixes a form in one go. */
export class ProblemCollector {
  readonly errors: FieldProblem[] = []
  add(pointer: string, detail: string): void {
    this.errors.push({ pointer, detail })
  }
  get hasErrors(): boolean {
    return this.errors.length > 0
  }
  throwIfAny(code: ProblemCode = 'validation-failed'): void {
    if (!this.hasErrors) return
    const first = this.errors[0]
    const more = this.errors.length > 1 ? ` (and ${this.errors.length - 1} more)` : ''
    throw new AppError(code, `${first.pointer}: ${first.detail}${more}`, { errors: this.errors })
  }
}
