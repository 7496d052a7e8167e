import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, provideRouter, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authGuard } from './auth.guard';
import { authInterceptor } from './auth.interceptor';
import { SessionStore } from './session.store';

describe('session, interceptor and guard', () => {
  let http: HttpClient;
  let ctl: HttpTestingController;
  let session: SessionStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    ctl = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionStore);
  });
  afterEach(() => ctl.verify());

  async function signIn(token = 'tok-1') {
    const done = session.login({ email: 'a@b.cd', password: 'password1' });
    ctl.expectOne('/api/v1/auth/login').flush({ access_token: token, token_type: 'bearer', expires_in: 1800 });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r));
    ctl.expectOne('/api/v1/auth/me').flush({ id: 'u1', email: 'a@b.cd', is_active: true, created_at: '' });
    await done;
  }

  it('keeps the access token in memory only and sends it as Bearer', async () => {
    await signIn();
    expect(session.signedIn()).toBe(true);
    expect(JSON.stringify(localStorage)).not.toContain('tok-1');
    expect(JSON.stringify(sessionStorage)).not.toContain('tok-1');
    const p = firstValueFrom(http.get('/api/v1/projects'));
    const req = ctl.expectOne('/api/v1/projects');
    expect(req.request.headers.get('Authorization')).toBe('Bearer tok-1');
    req.flush([]);
    await p;
  });

  it('on a 401 renews the token through the refresh cookie and retries once', async () => {
    await signIn('old');
    const p = firstValueFrom(http.get('/api/v1/projects'));
    ctl.expectOne('/api/v1/projects').flush({}, { status: 401, statusText: 'Unauthorized' });
    const refresh = ctl.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush({ access_token: 'new', token_type: 'bearer', expires_in: 1800 });
    await new Promise((r) => setTimeout(r));
    const retry = ctl.expectOne('/api/v1/projects');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer new');
    retry.flush(['ok']);
    expect(await p).toEqual(['ok']);
  });

  it('when renewal fails too, ends the session and goes to /login with the way back', async () => {
    await signIn();
    const router = TestBed.inject(Router);
    const nav = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const p = firstValueFrom(http.get('/api/v1/projects')).catch((e: { status: number }) => e.status);
    ctl.expectOne('/api/v1/projects').flush({}, { status: 401, statusText: 'Unauthorized' });
    ctl.expectOne('/api/v1/auth/refresh').flush({}, { status: 401, statusText: 'Unauthorized' });
    expect(await p).toBe(401);
    expect(session.signedIn()).toBe(false);
    expect(nav).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: expect.any(String) } });
  });

  it('the guard lets a renewed session in and sends others to /login?returnUrl=', async () => {
    const run = () =>
      TestBed.runInInjectionContext(() =>
        authGuard({} as ActivatedRouteSnapshot, { url: '/project/p1' } as RouterStateSnapshot),
      ) as Promise<boolean | UrlTree>;
    const denied = run();
    ctl.expectOne('/api/v1/auth/refresh').flush({}, { status: 401, statusText: 'Unauthorized' });
    const tree = (await denied) as UrlTree;
    expect(TestBed.inject(Router).serializeUrl(tree)).toBe('/login?returnUrl=%2Fproject%2Fp1');

    const allowed = run();
    ctl.expectOne('/api/v1/auth/refresh').flush({ access_token: 't', token_type: 'bearer', expires_in: 1 });
    await new Promise((r) => setTimeout(r));
    ctl.expectOne('/api/v1/auth/me').flush({ id: 'u', email: 'x@y.z', is_active: true, created_at: '' });
    expect(await allowed).toBe(true);
  });
});
