import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  beforeEach(() =>
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    }),
  );

  it('shows what is wrong with the fields before asking the server', async () => {
    const f = TestBed.createComponent(LoginPage);
    f.detectChanges();
    const el = f.nativeElement as HTMLElement;
    (el.querySelector('#email') as HTMLInputElement).value = 'not-an-email';
    el.querySelector('#email')?.dispatchEvent(new Event('input'));
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    f.detectChanges();
    expect(el.querySelector('#email-error')?.textContent).toContain('valid email');
    expect(el.querySelector('#password-error')?.textContent).toContain('password');
    TestBed.inject(HttpTestingController).expectNone('/api/v1/auth/login');
  });

  it("shows the server's answer in place", async () => {
    const f = TestBed.createComponent(LoginPage);
    f.detectChanges();
    const el = f.nativeElement as HTMLElement;
    for (const [id, v] of [
      ['#email', 'a@b.cd'],
      ['#password', 'wrong-password'],
    ]) {
      (el.querySelector(id) as HTMLInputElement).value = v;
      el.querySelector(id)?.dispatchEvent(new Event('input'));
    }
    (el.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/login')
      .flush({ statusCode: 401, message: 'Invalid email or password' }, { status: 401, statusText: 'Unauthorized' });
    await f.whenStable();
    f.detectChanges();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Invalid email or password');
  });
});
