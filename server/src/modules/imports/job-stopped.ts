/** Thrown inside a batch transaction when the job was cancelled or taken over: roll back, stop. */
export class JobStopped extends Error {}
