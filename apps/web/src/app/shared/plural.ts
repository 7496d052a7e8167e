/** "1 alert", "2 alerts": a count with its noun (English regular plurals). */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
