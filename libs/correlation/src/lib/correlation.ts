export function correlation(): string {
  return 'correlation';
}
