import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for `localhost` made by openssl, which is on every build machine. `ca`
 * with dates is used rather than `req -x509`, because OpenSSL 3.0's `req` cannot date one in the past.
 */
export function selfSignedCertificate(validity: { from: Date; to: Date }): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'server-check-cert-'));
  try {
    const file = (name: string): string => join(dir, name);
    writeFileSync(file('index.txt'), '');
    writeFileSync(file('serial'), '01\n');
    writeFileSync(
      file('openssl.cnf'),
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'serial = $dir/serial',
        'new_certs_dir = $dir',
        'default_md = sha256',
        'policy = anything',
        'copy_extensions = copy',
        'unique_subject = no',
        '[anything]',
        'commonName = supplied',
        '[req]',
        'distinguished_name = name',
        'prompt = no',
        'req_extensions = extensions',
        '[name]',
        'CN = localhost',
        '[extensions]',
        'subjectAltName = DNS:localhost',
        'basicConstraints = critical, CA:TRUE',
        '',
      ].join('\n'),
    );
    const run = (...args: string[]): void => {
      execFileSync('openssl', args, { stdio: 'ignore' });
    };
    run('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file('key.pem'));
    run('req', '-new', '-config', file('openssl.cnf'), '-key', file('key.pem'), '-out', file('csr.pem'));
    run(
      'ca',
      '-batch',
      '-selfsign',
      '-config',
      file('openssl.cnf'),
      '-keyfile',
      file('key.pem'),
      '-in',
      file('csr.pem'),
      '-out',
      file('cert.pem'),
      '-notext',
      '-startdate',
      opensslDate(validity.from),
      '-enddate',
      opensslDate(validity.to),
    );
    return { cert: readFileSync(file('cert.pem'), 'utf8'), key: readFileSync(file('key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** YYYYMMDDHHMMSSZ, as `openssl ca` takes dates. */
function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
