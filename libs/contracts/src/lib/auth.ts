export interface RegisterRequest {
  email: string;
  password: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface User {
  id: string;
  email: string;
  is_active: boolean;
  created_at: string;
}

/** The original MOZAIC login answer, plus the lifetime of the access token. */
export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/** Name of the httpOnly cookie that carries the refresh token. */
export const REFRESH_COOKIE = 'mozaic_refresh';
