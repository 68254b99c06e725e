/** Types of the validators that scripts/build-schemas.ts precompiles with ajv. */
import type { ErrorObject } from 'ajv'

export interface PrecompiledValidator {
  (data: unknown): boolean
  errors?: ErrorObject[] | null
}

export const validateExperimentFile: PrecompiledValidator
export const validateFisTemplate: PrecompiledValidator
