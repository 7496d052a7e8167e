import { Severity } from './enums';

export interface CreateProjectRequest {
  name: string;
  description?: string | null;
}

export type UpdateProjectRequest = Partial<CreateProjectRequest>;

export interface Project {
  id: string;
  name: string;
  description: string | null;
  user_id: string;
  created_at: string;
  updated_at: string;
  /** Open (not resolved) incidents by severity. */
  open_incidents: Record<Severity, number>;
}
