import Database from 'better-sqlite3-multiple-ciphers';

/**
 * Opens a database the way any stock SQLCipher 4 client would, given the hex key: no Coffer code involved,
 * so a test can inspect (or, as an attacker, modify) a vault file directly.
 */
export function openAsPlainSqlCipher4(path: string, keyHex: string): Database.Database {
  const db = new Database(path);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${keyHex}'"`);
  return db;
}
