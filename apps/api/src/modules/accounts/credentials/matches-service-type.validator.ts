import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { SERVICE_TYPES, ServiceType } from '@mozaic/contracts';
import { partProblems, pullFormOf, SourceField } from '@mozaic/sources';

/**
 * Validates an account's credentials or config against its source's form in libs/sources (the
 * one the portal's connect form shows), by the sibling `service_type`; unknown fields are refused.
 * With missingAsEmpty, an absent value is checked as {} so that only forms with required fields reject it.
 */
export function MatchesServiceType(
  part: SourceField['part'],
  { missingAsEmpty = false }: { missingAsEmpty?: boolean } = {},
  options?: ValidationOptions,
) {
  const problems = (value: unknown, args: ValidationArguments): string[] => {
    const type = (args.object as { service_type?: string }).service_type;
    if (!SERVICE_TYPES.includes(type as ServiceType)) return []; // service_type reports its own error
    return partProblems(pullFormOf(type as ServiceType), part, value === undefined && missingAsEmpty ? {} : value);
  };
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: 'matchesServiceType',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => problems(value, args).length === 0,
        defaultMessage: (args: ValidationArguments) => problems(args.value, args).join('; '),
      },
    });
  };
}
