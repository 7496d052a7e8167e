import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CreateProjectRequest,
  Project,
  RotateTokenRequest,
  UpdateProjectRequest,
  WebhookSettings,
  WebhookToken,
} from '@mozaic/contracts';

@Injectable({ providedIn: 'root' })
export class ProjectsApi {
  private readonly http = inject(HttpClient);

  list() {
    return this.http.get<Project[]>('/api/v1/projects', { params: { limit: 100 } });
  }
  get(id: string) {
    return this.http.get<Project>(`/api/v1/projects/${id}`);
  }
  create(body: CreateProjectRequest) {
    return this.http.post<Project>('/api/v1/projects', body);
  }
  update(id: string, body: UpdateProjectRequest) {
    return this.http.put<Project>(`/api/v1/projects/${id}`, body);
  }
  remove(id: string) {
    return this.http.delete<void>(`/api/v1/projects/${id}`);
  }
  webhooks(id: string) {
    return this.http.get<WebhookSettings>(`/api/v1/projects/${id}/webhooks`);
  }
  /** A new webhook token; the old one keeps working for `graceHours` (0: stops at once). */
  rotateToken(id: string, graceHours?: number) {
    const body: RotateTokenRequest = graceHours === undefined ? {} : { grace_hours: graceHours };
    return this.http.post<WebhookToken>(`/api/v1/projects/${id}/webhooks/token`, body);
  }
}
