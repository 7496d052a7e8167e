import { Component, computed, input } from '@angular/core';
import { IncidentSignal } from '@mozaic/contracts';

const W = 720;
const ROW = 34;
const LEFT = 110;

/** The incident's signals over time, one row per source: when each source saw what (SVG, no library). */
@Component({
  selector: 'app-timeline',
  template: `
    @if (rows().length) {
      <svg
        [attr.viewBox]="'0 0 ' + width + ' ' + height()"
        role="img"
        [attr.aria-label]="summary()"
        class="timeline"
        data-testid="timeline"
      >
        @for (r of rows(); track r.source; let i = $index) {
          <text [attr.x]="4" [attr.y]="i * row + 22" class="tl-label">{{ r.source }}</text>
          <line
            [attr.x1]="left"
            [attr.x2]="width - 8"
            [attr.y1]="i * row + 18"
            [attr.y2]="i * row + 18"
            class="tl-axis"
          />
          @for (p of r.points; track p.id) {
            <circle [attr.cx]="p.x" [attr.cy]="i * row + 18" r="5" [attr.data-status]="p.status" class="tl-point">
              <title>{{ p.label }}</title>
            </circle>
          }
        }
        <text [attr.x]="left" [attr.y]="height() - 4" class="tl-time">{{ start() }}</text>
        <text [attr.x]="width - 8" [attr.y]="height() - 4" text-anchor="end" class="tl-time">{{ end() }}</text>
      </svg>
    } @else {
      <p class="muted">No signals to draw.</p>
    }
  `,
  styles: `
    .timeline {
      width: 100%;
      height: auto;
    }
    .tl-label,
    .tl-time {
      fill: var(--muted);
      font-size: 12px;
    }
    .tl-axis {
      stroke: var(--line);
    }
    .tl-point {
      fill: var(--bad);
      opacity: 0.8;
    }
    .tl-point[data-status='resolved'] {
      fill: var(--ok);
    }
  `,
})
export class TimelineComponent {
  readonly signals = input.required<IncidentSignal[]>();
  protected readonly width = W;
  protected readonly row = ROW;
  protected readonly left = LEFT;
  private readonly range = computed(() => {
    const t = this.signals().map((s) => Date.parse(s.occurred_at));
    const min = Math.min(...t);
    const max = Math.max(...t);
    return { min, span: Math.max(max - min, 1000) };
  });
  protected readonly rows = computed(() => {
    const { min, span } = this.range();
    const by = new Map<string, Array<{ id: string; x: number; status: string; label: string }>>();
    for (const s of this.signals()) {
      const list = by.get(s.source) ?? [];
      list.push({
        id: s.id,
        x: LEFT + ((Date.parse(s.occurred_at) - min) / span) * (W - LEFT - 16),
        status: s.status,
        label: `${new Date(s.occurred_at).toLocaleString()} · ${s.status} · ${s.title}`,
      });
      by.set(s.source, list);
    }
    return [...by].map(([source, points]) => ({ source, points }));
  });
  protected readonly height = computed(() => this.rows().length * ROW + 24);
  protected readonly start = computed(() => new Date(this.range().min).toLocaleString());
  protected readonly end = computed(() => new Date(this.range().min + this.range().span).toLocaleString());
  protected readonly summary = computed(
    () =>
      `Timeline: ${this.signals().length} signals from ${this.rows()
        .map((r) => `${r.source} (${r.points.length})`)
        .join(', ')}`,
  );
}
