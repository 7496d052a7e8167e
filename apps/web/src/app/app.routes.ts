import { Route } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';
import { ShellComponent } from './core/layout/shell.component';

export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'Sign in · MOZAIC',
    loadComponent: () => import('./features/auth/pages/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [authGuard],
    children: [
      {
        path: '',
        title: 'Projects · MOZAIC',
        loadComponent: () => import('./features/projects/pages/projects.page').then((m) => m.ProjectsPage),
      },
      {
        path: 'project/:id',
        title: 'Project · MOZAIC',
        loadComponent: () => import('./features/projects/pages/project.page').then((m) => m.ProjectPage),
      },
      {
        path: 'project/:id/connect',
        title: 'Connect an account · MOZAIC',
        loadComponent: () => import('./features/accounts/pages/connect.page').then((m) => m.ConnectPage),
      },
      {
        path: 'project/:id/notifications',
        title: 'Notifications · MOZAIC',
        loadComponent: () =>
          import('./features/notifications/pages/notifications.page').then((m) => m.NotificationsPage),
      },
      {
        path: 'project/:id/incidents/:incidentId',
        title: 'Incident · MOZAIC',
        loadComponent: () => import('./features/incidents/pages/incident.page').then((m) => m.IncidentPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
