import { Component, inject, input, OnInit, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { ChannelView, NotificationView, RouteView } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { ChannelsPanelComponent } from '../components/channels-panel.component';
import { DeliveryLogComponent } from '../components/delivery-log.component';
import { RoutesPanelComponent } from '../components/routes-panel.component';
import { NotificationsApi } from '../data/notifications.api';

/** A project's notifications: channels (with a test button and their last result), routes, the delivery log. */
@Component({
  selector: 'app-notifications-page',
  imports: [RouterLink, ChannelsPanelComponent, RoutesPanelComponent, DeliveryLogComponent],
  template: `
    <p><a [routerLink]="['/project', id()]">← Back to the project</a></p>
    <h1>Notifications</h1>
    @if (error(); as e) {
      <p class="error" role="alert">{{ e }}</p>
    }
    <app-channels-panel [projectId]="id()" [channels]="channels()" (changed)="load()" />
    <app-routes-panel [projectId]="id()" [routes]="routes()" [channels]="channels()" (changed)="load()" />
    <section aria-labelledby="log-h">
      <div class="row">
        <h2 id="log-h">Delivery log</h2>
        <button type="button" (click)="load()">Refresh</button>
      </div>
      <app-delivery-log [rows]="log()" />
    </section>
  `,
})
export class NotificationsPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly title = inject(Title);
  readonly id = input.required<string>();
  protected readonly channels = signal<ChannelView[]>([]);
  protected readonly routes = signal<RouteView[]>([]);
  protected readonly log = signal<NotificationView[]>([]);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): Promise<void> {
    this.title.setTitle('Notifications · MOZAIC');
    return this.load();
  }

  async load(): Promise<void> {
    try {
      const [channels, routes, log] = await Promise.all([
        firstValueFrom(this.api.channels(this.id())),
        firstValueFrom(this.api.routes(this.id())),
        firstValueFrom(this.api.log(this.id())),
      ]);
      this.channels.set(channels);
      this.routes.set(routes);
      this.log.set(log);
      this.error.set(null);
    } catch (e) {
      this.error.set(apiError(e, 'Notifications could not be loaded'));
    }
  }
}
