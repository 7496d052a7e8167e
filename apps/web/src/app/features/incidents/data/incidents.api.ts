import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  IncidentDetail,
  IncidentSignal,
  IncidentSummary,
  ListIncidentsQuery,
  MergeIncidentRequest,
  MoveAlertRequest,
  NEXT_CURSOR_HEADER,
} from '@mozaic/contracts';
import { map } from 'rxjs';
import { eventStream } from '../../../core/http/event-stream';
import { SessionStore } from '../../../core/auth/session.store';

export interface IncidentPage {
  items: IncidentSummary[];
  next: string | null;
}

@Injectable({ providedIn: 'root' })
export class IncidentsApi {
  private readonly http = inject(HttpClient);
  private readonly session = inject(SessionStore);

  list(projectId: string, q: ListIncidentsQuery) {
    let params = new HttpParams();
    for (const [k, v] of Object.entries(q))
      if (v !== undefined && v !== '' && v !== null) params = params.set(k, String(v));
    return this.http
      .get<IncidentSummary[]>(`/api/v1/incidents/project/${projectId}`, { params, observe: 'response' })
      .pipe(map((r): IncidentPage => ({ items: r.body ?? [], next: r.headers.get(NEXT_CURSOR_HEADER) })));
  }
  get(id: string) {
    return this.http.get<IncidentDetail>(`/api/v1/incidents/${id}`);
  }
  signals(id: string) {
    return this.http.get<IncidentSignal[]>(`/api/v1/incidents/${id}/signals`);
  }
  act(id: string, action: 'acknowledge' | 'resolve' | 'reopen') {
    return this.http.post<IncidentDetail>(`/api/v1/incidents/${id}/${action}`, {});
  }
  merge(id: string, body: MergeIncidentRequest) {
    return this.http.post<IncidentDetail>(`/api/v1/incidents/${id}/merge`, body);
  }
  move(id: string, alertId: string, body: MoveAlertRequest) {
    return this.http.post<IncidentDetail>(`/api/v1/incidents/${id}/alerts/${alertId}/move`, body);
  }
  /** Created and changed incidents of a project, live. */
  stream(projectId: string, onState?: (connected: boolean) => void) {
    return eventStream<IncidentSummary>(
      `/api/v1/incidents/stream?project_id=${encodeURIComponent(projectId)}`,
      () => this.session.accessToken(),
      'incident',
      onState,
    );
  }
}
