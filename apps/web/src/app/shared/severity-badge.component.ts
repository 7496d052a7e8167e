import { Component, input } from '@angular/core';

/** A severity or status as a coloured, labelled badge (colour is never the only cue: the word is there). */
@Component({
  selector: 'app-badge',
  template: `<span class="badge" [attr.data-kind]="value()">{{ value() }}</span>`,
})
export class BadgeComponent {
  readonly value = input.required<string>();
}
