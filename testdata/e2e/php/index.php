<?php

// Tiny plain-PHP app for dockgen's end-to-end test: GET / and GET /uid (the
// process's uid, gid and pid as JSON). .htaccess sends every path that is not
// a file here (mod_rewrite).

declare(strict_types=1);

require __DIR__ . '/vendor/autoload.php';

header('Content-Type: application/json');
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
if ($path === '/uid') {
    echo json_encode(App\Who::process());
    return;
}
// zend.assertions is -1 in php.ini-production and 1 without a php.ini: it
// shows whether the image's php.ini is the production one.
echo json_encode([
    'ok' => true,
    'stack' => 'php',
    'php' => PHP_VERSION,
    'php_ini' => php_ini_loaded_file(),
    'zend_assertions' => ini_get('zend.assertions'),
]);
