import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { HomePage } from './home.page';

describe('HomePage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [HomePage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('shows each service of the health answer', async () => {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('Checking the API');
    http
      .expectOne('/api/v1/health')
      .flush({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
    fixture.detectChanges();
    await fixture.whenStable();
    const text = fixture.nativeElement.textContent as string;
    expect(text).toContain('API is up');
    expect(text).toContain('database: up');
  });

  it('says when a service is down (503 with details)', async () => {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    http
      .expectOne('/api/v1/health')
      .flush(
        { status: 'error', details: { database: { status: 'down' } } },
        { status: 503, statusText: 'Service Unavailable' },
      );
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('database: down');
  });

  it('says when the API does not answer', () => {
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    http.expectOne('/api/v1/health').error(new ProgressEvent('error'));
    fixture.detectChanges();
    expect(fixture.nativeElement.querySelector('[role=alert]')?.textContent).toContain('does not answer');
  });
});
