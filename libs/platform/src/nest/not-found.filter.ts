import { Catch, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { redact } from '../redact';

/**
 * Every 404 of every service, with any run of nine digits in its message masked. Nest's own "no such route" answer
 * repeats the request line ("Cannot PATCH /api/v1/clients/<bsn>/trajecten"), which would echo a BSN from the path.
 */
@Catch(NotFoundException)
export class RedactingNotFoundFilter implements ExceptionFilter {
  catch(exception: NotFoundException, host: ArgumentsHost): void {
    const answer = exception.getResponse();
    const message = typeof answer === 'string' ? answer : ((answer as { message?: unknown }).message ?? exception.message);
    const text = Array.isArray(message) ? message.map(String).map(redact) : redact(String(message));
    host.switchToHttp().getResponse<Response>().status(404).json({ statusCode: 404, error: 'Not Found', message: text });
  }
}
