import axios from 'axios';

const http = axios.create({ baseURL: '/api', withCredentials: true, withXSRFToken: true });

export interface SessionInfo {
  user: { id: number; name: string } | null;
}

export async function fetchSession(): Promise<SessionInfo> {
  const { data } = await http.get<SessionInfo>('/session');
  return data;
}

export async function logout(): Promise<void> {
  await http.post('/logout');
}
