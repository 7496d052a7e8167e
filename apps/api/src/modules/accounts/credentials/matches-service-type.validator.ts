import { plainToInstance } from 'class-transformer';
import {
  registerDecorator,
  validateSync,
  ValidationArguments,
  ValidationError,
  ValidationOptions,
} from 'class-validator';
import { SERVICE_TYPES, ServiceType } from '@mozaic/contracts';

/** Flattens nested errors into "prefix.field: message" lines that name the field. */
function messages(errors: ValidationError[], prefix: string): string[] {
  return errors.flatMap((e) => {
    const path = `${prefix}.${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? `${prefix}.${m}` : `${path}: ${m}`,
    );
    return [...own, ...messages(e.children ?? [], path)];
  });
}

/**
 * Validates an object property against the shape its sibling `service_type` calls for
 * (credentials or config), rejecting unknown fields. With missingAsEmpty, an absent value is
 * checked as {} so that only the shapes with required fields reject it.
 */
export function MatchesServiceType(
  shapes: Record<ServiceType, new () => object>,
  { missingAsEmpty = false }: { missingAsEmpty?: boolean } = {},
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: 'matchesServiceType',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          return this.problems(value, args).length === 0;
        },
        problems(value: unknown, args: ValidationArguments): string[] {
          const type = (args.object as { service_type?: string }).service_type;
          if (!SERVICE_TYPES.includes(type as ServiceType)) return []; // service_type reports its own error
          if (value === undefined && missingAsEmpty) value = {}; // then the shape says what is required
          if (typeof value !== 'object' || value === null || Array.isArray(value))
            return [`${propertyName} must be an object`];
          const instance = plainToInstance(shapes[type as ServiceType], value);
          return messages(
            validateSync(instance, {
              whitelist: true,
              forbidNonWhitelisted: true,
            }),
            propertyName,
          );
        },
        defaultMessage(args: ValidationArguments) {
          return this.problems(args.value, args).join('; ');
        },
      } as {
        validate(value: unknown, args: ValidationArguments): boolean;
        problems(value: unknown, args: ValidationArguments): string[];
        defaultMessage(args: ValidationArguments): string;
      },
    });
  };
}
