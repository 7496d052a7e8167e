import { Component, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Project, SEVERITIES } from '@mozaic/contracts';
import { firstValueFrom } from 'rxjs';
import { apiError } from '../../../core/http/api-error';
import { BadgeComponent } from '../../../shared/severity-badge.component';
import { ProjectsApi } from '../data/projects.api';

/** Projects: list with open incidents by severity, create, rename, delete (after a confirmation). */
@Component({
  selector: 'app-projects-page',
  imports: [ReactiveFormsModule, RouterLink, BadgeComponent],
  template: `
    <h1>Projects</h1>
    <form class="card row" [formGroup]="create" (ngSubmit)="add()" novalidate>
      <label class="sr-only" for="new-name">New project name</label>
      <input
        id="new-name"
        formControlName="name"
        placeholder="New project name"
        style="flex: 1; min-width: 12rem"
        [attr.aria-invalid]="create.touched && create.invalid"
      />
      <button class="primary" type="submit" [disabled]="busy()">Create project</button>
      @if (create.touched && create.controls.name.invalid) {
        <p class="field-error" style="width: 100%">A name of 1 to 200 characters is needed.</p>
      }
    </form>
    @if (error(); as e) {
      <p class="error" role="alert">{{ e }}</p>
    }
    @if (projects() === null) {
      <p class="muted" aria-live="polite">Loading projects…</p>
    } @else if (projects()!.length === 0) {
      <p class="muted">No projects yet. Create one to connect monitoring accounts and receive webhooks.</p>
    } @else {
      <ul class="grid" style="list-style: none; padding: 0">
        @for (p of projects(); track p.id) {
          <li class="card">
            @if (editing() === p.id) {
              <form class="row" (submit)="$event.preventDefault(); rename(p, renameInput.value)">
                <label class="sr-only" [for]="'rename-' + p.id">Project name</label>
                <input #renameInput [id]="'rename-' + p.id" [value]="p.name" maxlength="200" />
                <button type="submit" class="primary">Save</button>
                <button type="button" (click)="editing.set(null)">Cancel</button>
              </form>
            } @else {
              <h2 style="margin-top: 0">
                <a [routerLink]="['/project', p.id]">{{ p.name }}</a>
              </h2>
            }
            <p class="row" aria-label="Open incidents by severity">
              @for (s of severities; track s) {
                <span><app-badge [value]="s" /> {{ p.open_incidents[s] }}</span>
              }
            </p>
            <div class="row">
              <button type="button" (click)="editing.set(p.id)">Rename</button>
              @if (confirming() === p.id) {
                <span role="alert">Delete “{{ p.name }}” and all its data?</span>
                <button type="button" class="danger" (click)="remove(p)">Yes, delete</button>
                <button type="button" (click)="confirming.set(null)">Keep</button>
              } @else {
                <button type="button" class="danger" (click)="confirming.set(p.id)">Delete</button>
              }
            </div>
          </li>
        }
      </ul>
    }
  `,
})
export class ProjectsPage implements OnInit {
  private readonly api = inject(ProjectsApi);
  protected readonly severities = [...SEVERITIES].reverse();
  protected readonly projects = signal<Project[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly editing = signal<string | null>(null);
  protected readonly confirming = signal<string | null>(null);
  protected readonly create = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(200), Validators.pattern(/\S/)]],
  });

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    try {
      this.projects.set(await firstValueFrom(this.api.list()));
    } catch (e) {
      this.projects.set([]);
      this.error.set(apiError(e, 'Projects could not be loaded'));
    }
  }

  async add(): Promise<void> {
    this.create.markAllAsTouched();
    if (this.create.invalid) return;
    await this.run(async () => {
      await firstValueFrom(this.api.create({ name: this.create.getRawValue().name.trim() }));
      this.create.reset();
    });
  }

  async rename(p: Project, name: string): Promise<void> {
    await this.run(async () => {
      await firstValueFrom(this.api.update(p.id, { name: name.trim() }));
      this.editing.set(null);
    });
  }

  async remove(p: Project): Promise<void> {
    await this.run(async () => {
      await firstValueFrom(this.api.remove(p.id));
      this.confirming.set(null);
    });
  }

  private async run(fn: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await fn();
      await this.load();
    } catch (e) {
      this.error.set(apiError(e));
    } finally {
      this.busy.set(false);
    }
  }
}
