<?php

namespace Oracle\Laravel;

use Illuminate\Foundation\Exceptions\Handler;
use Throwable;

/**
 * The framework's exception handler (so 401 / 419 / 500 are produced by Laravel itself), minus
 * logging, plus a response header naming the exception so a test can assert WHY a request failed.
 */
class OracleExceptionHandler extends Handler
{
    /** @var Throwable|null */
    public static $lastException;

    public function report(Throwable $e)
    {
        self::$lastException = $e;
    }

    public function render($request, Throwable $e)
    {
        self::$lastException = $e;
        $response = parent::render($request, $e);
        $response->headers->set('X-Oracle-Exception', get_class($e).': '.$e->getMessage());

        return $response;
    }
}
