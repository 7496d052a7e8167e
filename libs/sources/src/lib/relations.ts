/** Two entities a source says are related (a pod and its node, a service and its pods), and why. */
export interface EntityRelation {
  keyA: string;
  keyB: string;
  why: string;
}
