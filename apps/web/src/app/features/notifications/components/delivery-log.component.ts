import { Component, input } from '@angular/core';
import { NotificationView } from '@mozaic/contracts';
import { TimeAgoPipe } from '../../../shared/time-ago.pipe';

/** Notifications with their delivery state and the receiver's last answer (the project's log, or one incident's). */
@Component({
  selector: 'app-delivery-log',
  imports: [TimeAgoPipe],
  template: `
    @if (rows().length === 0) {
      <p class="muted">{{ empty() }}</p>
    } @else {
      <table aria-label="Notifications">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">Channel</th>
            <th scope="col">Status</th>
            <th scope="col">Receiver's answer</th>
          </tr>
        </thead>
        <tbody>
          @for (n of rows(); track n.id) {
            <tr>
              <td [title]="n.created_at">{{ n.created_at | timeAgo }}</td>
              <td>{{ n.event.replace('incident.', '') }}{{ n.change === 'severity_raised' ? ' (severity)' : '' }}</td>
              <td>
                {{ n.channel_name }} <span class="muted">({{ n.channel_type }})</span>
              </td>
              <td [class.error]="n.status === 'failed'">
                {{ n.status }}{{ n.attempts > 1 ? ' after ' + n.attempts + ' attempts' : '' }}
              </td>
              <td>
                @if (n.log.length) {
                  {{ n.log[n.log.length - 1].status ?? 'no answer' }}: {{ n.log[n.log.length - 1].answer }}
                } @else {
                  <span class="muted">{{ n.status === 'pending' ? 'due ' : '' }}</span>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
})
export class DeliveryLogComponent {
  readonly rows = input.required<NotificationView[]>();
  readonly empty = input('Nothing sent yet.');
}
