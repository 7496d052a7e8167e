import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CreateSilenceRequest, LabelMatcher, SilencePreview, SilenceView } from '@mozaic/contracts';

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
}
