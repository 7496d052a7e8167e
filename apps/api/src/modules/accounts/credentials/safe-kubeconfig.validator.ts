import { registerDecorator, ValidationArguments } from 'class-validator';
import { kubeconfigProblems } from '../../orchestrator/providers/kubernetes/kubeconfig-rules';

/** A kubeconfig with inline credentials only: proxies, file paths, exec and auth providers are refused by name. */
export function IsSafeKubeconfig() {
  return (target: object, propertyName: string) => {
    registerDecorator({
      name: 'isSafeKubeconfig',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || kubeconfigProblems(value).length === 0,
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string' ? kubeconfigProblems(args.value).join('; ') : 'kubeconfig must be a string',
      },
    });
  };
}
