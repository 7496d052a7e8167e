import { ServiceType } from '@mozaic/contracts';
import { fieldProblem, formRequest, pullFormOf, SourceField } from '@mozaic/sources';

export { fieldProblem };
export type { SourceField };

/** The fields each source needs: the forms of libs/sources, which the API checks too. */
export const SOURCE_FIELDS = (type: ServiceType): SourceField[] => pullFormOf(type).fields;

/** The request parts from the form's values: empty fields left out, lists split, numbers parsed. */
export const toRequest = (type: ServiceType, values: Record<string, string>) => formRequest(pullFormOf(type), values);
