import { kubeconfigProblems } from './kubeconfig-rules';

const config = (cluster: string, user: string) => `
apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: https://k8s.example.com
${cluster}
users:
- name: u
  user:
${user}
contexts:
- name: x
  context: {cluster: c, user: u}
current-context: x
`;

describe('kubeconfig rules', () => {
  it('accepts inline credentials', () => {
    expect(
      kubeconfigProblems(config('    certificate-authority-data: QUJD', '    token: abc\n    client-key-data: QUJD')),
    ).toEqual([]);
  });

  it.each([
    ['    proxy-url: http://127.0.0.1:3128', '    token: abc', 'clusters[0].cluster.proxy-url'],
    ['    proxy-url: socks5://127.0.0.1:1080', '    token: abc', 'clusters[0].cluster.proxy-url'],
    ['    certificate-authority: /etc/ssl/ca.pem', '    token: abc', 'clusters[0].cluster.certificate-authority'],
    ['', '    client-certificate: /root/c.pem', 'users[0].user.client-certificate'],
    ['', '    client-key: /root/k.pem', 'users[0].user.client-key'],
    ['', '    token-file: /var/run/secrets/token', 'users[0].user.token-file'],
    ['', '    exec: {command: /bin/sh, apiVersion: client.authentication.k8s.io/v1}', 'users[0].user.exec'],
    ['', '    auth-provider: {name: gcp}', 'users[0].user.auth-provider'],
  ])('refuses %s%s naming %s', (cluster, user, field) => {
    const problems = kubeconfigProblems(config(cluster, user));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(field);
  });

  it('refuses what is not a kubeconfig', () => {
    expect(kubeconfigProblems('a: [')).toEqual(['kubeconfig is not valid YAML']);
    expect(kubeconfigProblems('- 1')).toEqual(['kubeconfig must be a YAML mapping']);
  });
});
