<?php

/*
 * Session rows as Laravel reads them, for the session audit (audit/). Reads a scenario's SQLite
 * file after a login → logout flow and prints every `sessions` row: the raw columns, and what
 * the framework's own Encrypter + unserialize() find in the payload (the truth the audit must match).
 *
 *   php session-rows.php < {"db": file, "key": "base64:…", "cipher": "AES-256-CBC", "encrypted": bool}
 *
 * With "json": true the payloads are also re-encoded as base64(json_encode(attributes)), what
 * `session.serialization = json` (Laravel 10.40+) stores; Laravel 8.83 itself has no such option.
 */

require '/usr/share/php/Illuminate/autoload.php';

$input = json_decode(stream_get_contents(STDIN), true);
if (! is_array($input)) {
    fwrite(STDERR, "expected a JSON object on stdin\n");
    exit(2);
}

$key = $input['key'];
$encrypter = new Illuminate\Encryption\Encrypter(
    strncmp($key, 'base64:', 7) === 0 ? base64_decode(substr($key, 7)) : $key,
    $input['cipher']
);

$pdo = new PDO('sqlite:'.$input['db']);
$pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$rows = [];
foreach ($pdo->query('SELECT id, user_id, ip_address, user_agent, payload, last_activity FROM sessions ORDER BY rowid') as $row) {
    $data = base64_decode($row['payload']);
    // EncryptedStore::prepareForUnserialize, then Store::readFromHandler.
    $serialized = $input['encrypted'] ? $encrypter->decrypt($data) : $data;
    $attributes = @unserialize($serialized);
    $keys = is_array($attributes) ? array_map('strval', array_keys($attributes)) : [];
    $loginKeys = array_values(array_filter($keys, function ($key) {
        return preg_match('/^login_.+_[0-9a-f]{40}$/', $key) === 1;
    }));
    $entry = [
        'row' => [
            'id' => $row['id'],
            'user_id' => $row['user_id'] === null ? null : (int) $row['user_id'],
            'ip_address' => $row['ip_address'],
            'user_agent' => $row['user_agent'],
            'payload' => $row['payload'],
            'last_activity' => (int) $row['last_activity'],
        ],
        'loginKeys' => $loginKeys,
    ];
    if (! empty($input['json']) && is_array($attributes)) {
        $json = json_encode($attributes);
        $entry['jsonPayload'] = base64_encode($input['encrypted'] ? $encrypter->encrypt($json) : $json);
    }
    $rows[] = $entry;
}

echo json_encode($rows, JSON_UNESCAPED_SLASHES), "\n";
