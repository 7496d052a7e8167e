import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CreateInhibitionRuleRequest,
  CreateMaintenanceWindowRequest,
  CreateSilenceRequest,
  InhibitionRuleView,
  LabelMatcher,
  MaintenanceWindowView,
  SilencePreview,
  SilenceView,
} from '@mozaic/contracts';

@Injectable({ providedIn: 'root' })
export class SilencesApi {
  private readonly http = inject(HttpClient);

  list(projectId: string) {
    return this.http.get<SilenceView[]>(`/api/v1/projects/${projectId}/silences`);
  }
  create(projectId: string, body: CreateSilenceRequest) {
    return this.http.post<SilenceView>(`/api/v1/projects/${projectId}/silences`, body);
  }
  expire(id: string) {
    return this.http.post<SilenceView>(`/api/v1/silences/${id}/expire`, {});
  }
  /** What the matchers would silence right now. */
  preview(projectId: string, matchers: LabelMatcher[]) {
    return this.http.post<SilencePreview>(`/api/v1/projects/${projectId}/silences/preview`, { matchers });
  }
  windows(projectId: string) {
    return this.http.get<MaintenanceWindowView[]>(`/api/v1/projects/${projectId}/maintenance-windows`);
  }
  createWindow(projectId: string, body: CreateMaintenanceWindowRequest) {
    return this.http.post<MaintenanceWindowView>(`/api/v1/projects/${projectId}/maintenance-windows`, body);
  }
  removeWindow(id: string) {
    return this.http.delete<void>(`/api/v1/maintenance-windows/${id}`);
  }
  inhibitions(projectId: string) {
    return this.http.get<InhibitionRuleView[]>(`/api/v1/projects/${projectId}/inhibition-rules`);
  }
  createInhibition(projectId: string, body: CreateInhibitionRuleRequest) {
    return this.http.post<InhibitionRuleView>(`/api/v1/projects/${projectId}/inhibition-rules`, body);
  }
  removeInhibition(id: string) {
    return this.http.delete<void>(`/api/v1/inhibition-rules/${id}`);
  }
}
