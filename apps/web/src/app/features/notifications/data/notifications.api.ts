import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ChannelTestResult,
  ChannelView,
  CreateChannelRequest,
  CreatedChannelView,
  CreateRouteRequest,
  NotificationView,
  RouteView,
  UpdateChannelRequest,
} from '@mozaic/contracts';

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  channels(projectId: string) {
    return this.http.get<ChannelView[]>(`/api/v1/projects/${projectId}/channels`);
  }
  createChannel(projectId: string, body: CreateChannelRequest) {
    return this.http.post<CreatedChannelView>(`/api/v1/projects/${projectId}/channels`, body);
  }
  updateChannel(id: string, body: UpdateChannelRequest) {
    return this.http.patch<ChannelView>(`/api/v1/channels/${id}`, body);
  }
  removeChannel(id: string) {
    return this.http.delete<void>(`/api/v1/channels/${id}`);
  }
  testChannel(id: string) {
    return this.http.post<ChannelTestResult>(`/api/v1/channels/${id}/test`, {});
  }
  routes(projectId: string) {
    return this.http.get<RouteView[]>(`/api/v1/projects/${projectId}/routes`);
  }
  createRoute(projectId: string, body: CreateRouteRequest) {
    return this.http.post<RouteView>(`/api/v1/projects/${projectId}/routes`, body);
  }
  removeRoute(id: string) {
    return this.http.delete<void>(`/api/v1/routes/${id}`);
  }
  log(projectId: string) {
    return this.http.get<NotificationView[]>(`/api/v1/projects/${projectId}/notifications`, { params: { limit: 50 } });
  }
  forIncident(incidentId: string) {
    return this.http.get<NotificationView[]>(`/api/v1/incidents/${incidentId}/notifications`);
  }
}
