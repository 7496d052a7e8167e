import { Title } from '@angular/platform-browser';
import { Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Project } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { IncidentListComponent } from '../../incidents/components/incident-list.component';
import { AccountsPanelComponent } from '../components/accounts-panel.component';
import { WebhooksPanelComponent } from '../components/webhooks-panel.component';
import { ProjectsApi } from '../data/projects.api';
import { SilencesPanelComponent } from '../../silences/components/silences-panel.component';
import { MaintenancePanelComponent } from '../../silences/components/maintenance-panel.component';

/** One project: its incidents (live), its accounts with "fetch now", its webhooks. */
@Component({
  selector: 'app-project-page',
  imports: [
    RouterLink,
    IncidentListComponent,
    AccountsPanelComponent,
    WebhooksPanelComponent,
    SilencesPanelComponent,
    MaintenancePanelComponent,
  ],
  template: `
    <p><a routerLink="/">← Projects</a></p>
    @if (error(); as e) {
      <p class="error" role="alert">{{ e }}</p>
    } @else if (project(); as p) {
      <h1>{{ p.name }}</h1>
      @if (p.description) {
        <p class="muted">{{ p.description }}</p>
      }
      <p><a [routerLink]="['/project', p.id, 'notifications']">Notifications: channels, routes, delivery log →</a></p>
      <app-incident-list [projectId]="p.id" />
      <app-accounts-panel [projectId]="p.id" />
      <app-silences-panel [projectId]="p.id" />
      <app-maintenance-panel [projectId]="p.id" />
      <app-webhooks-panel [projectId]="p.id" />
    } @else {
      <p class="muted">Loading project…</p>
    }
  `,
})
export class ProjectPage implements OnInit {
  private readonly api = inject(ProjectsApi);
  readonly id = input.required<string>();
  protected readonly project = signal<Project | null>(null);
  private readonly title = inject(Title);
  protected readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const project = await firstValueFrom(this.api.get(this.id()));
      this.project.set(project);
      this.title.setTitle(`${project.name} · MOZAIC`);
    } catch (e) {
      this.error.set(apiError(e, 'This project could not be loaded'));
    }
  }
}
