import { ArgumentsHost, Catch, ExceptionFilter, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '@app/core';
import type { AuthedRequest } from '../http/auth.guard';
import { CrossSiteFormError, MemberPageContext } from './member-context';

/**
 * The one error mapping of the member page controllers: a DomainError (a service's refusal, a
 * "not found", an invalid form) becomes the member-layout error page with the API's status for
 * its code, a cross-site form the 403 "not allowed" page. Anything else goes on to the global
 * ErrorFilter (500 with an error id, or 503 while the database is out of reach).
 */
@Injectable()
@Catch(DomainError, CrossSiteFormError)
export class MemberPageFilter implements ExceptionFilter {
  constructor(@Inject(MemberPageContext) private readonly pages: MemberPageContext) {}

  async catch(exception: DomainError | CrossSiteFormError, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<AuthedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const viewer = await this.pages.viewer(request, request.principal ?? null);
    const body =
      exception instanceof CrossSiteFormError
        ? this.pages.refused(reply, viewer)
        : this.pages.error(reply, viewer, exception);
    void reply.send(body);
  }
}
