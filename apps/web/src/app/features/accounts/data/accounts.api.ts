import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Account, AccountTestResult, ConnectAccountRequest, FetchRun, TestAccountRequest } from '@mozaic/contracts';

@Injectable({ providedIn: 'root' })
export class AccountsApi {
  private readonly http = inject(HttpClient);

  list(projectId: string) {
    return this.http.get<Account[]>(`/api/v1/accounts/project/${projectId}`);
  }
  connect(body: ConnectAccountRequest) {
    return this.http.post<Account>('/api/v1/accounts', body);
  }
  test(body: TestAccountRequest) {
    return this.http.post<AccountTestResult>('/api/v1/accounts/test', body);
  }
  retest(id: string) {
    return this.http.post<AccountTestResult>(`/api/v1/accounts/${id}/test`, {});
  }
  remove(id: string) {
    return this.http.delete<void>(`/api/v1/accounts/${id}`);
  }
  fetchNow(projectId: string) {
    return this.http.post<FetchRun>(`/api/v1/incidents/fetch/${projectId}`, {});
  }
  fetchRun(runId: string) {
    return this.http.get<FetchRun>(`/api/v1/incidents/fetch/runs/${runId}`);
  }
}
