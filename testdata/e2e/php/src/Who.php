<?php

declare(strict_types=1);

namespace App;

// Loaded through Composer's autoloader (vendor/autoload.php, written by
// `composer dump-autoload` in the image's build stage).
final class Who
{
    /** @return array{UID: int, GID: int, PID: int} */
    public static function process(): array
    {
        return ['UID' => posix_getuid(), 'GID' => posix_getgid(), 'PID' => getmypid()];
    }
}
