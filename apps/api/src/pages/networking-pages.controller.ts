import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, isUuid } from '@app/core';
import { EventsService } from '@app/events';
import { Principal } from '@app/identity';
import { ConnectionsService, NetworkingLiveHub, ParticipationService } from '@app/networking';
import { OptionalUser, Public } from '../http/auth.guard';
import { MemberPageContext, pageNotFound } from './member-context';
import { Viewer } from './member-layout';
import { LIVE_SCRIPT, renderAfterPage, renderLivePage } from './networking-pages.view';
import {
  NetworkingOptInPageForm,
  NetworkingPersonPageForm,
  NetworkingPresencePageForm,
} from './networking-forms.dto';
import { Form, PageForm } from './page-form';

/**
 * The networking member pages (issue 15): the live page of an event's rounds, its event stream, and
 * the stay-in-touch page. Everything goes through the same services as the JSON API, so a page can
 * show no more than the API would: only the caller's own room and their own answers.
 */
@ApiExcludeController()
@Public()
@Controller()
export class NetworkingPagesController {
  constructor(
    @Inject(MemberPageContext) private readonly pages: MemberPageContext,
    @Inject(EventsService) private readonly events: EventsService,
    @Inject(ParticipationService) private readonly participation: ParticipationService,
    @Inject(ConnectionsService) private readonly connections: ConnectionsService,
    @Inject(NetworkingLiveHub) private readonly hub: NetworkingLiveHub,
  ) {}

  @Get('assets/networking-live.js')
  script(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.header('Content-Type', 'text/javascript; charset=utf-8').header('Cache-Control', 'no-cache');
    return LIVE_SCRIPT;
  }

  @Get('events/:id/networking')
  async live(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    try {
      if (!isUuid(id)) throw pageNotFound();
      if (!p)
        return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/events/${id}/networking`)}`);
      return this.pages.send(reply, await this.livePage(viewer, id, p.userId, null));
    } catch (error) {
      return this.pages.error(reply, viewer, error);
    }
  }

  /** Server-Sent Events: `change` with the viewer's own room whenever the event's rounds change. */
  @Get('events/:id/networking/stream')
  async stream(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      if (!isUuid(id) || !p) throw pageNotFound();
      // The light check (may the caller see this networking event?): a stream holds no view of its own.
      await this.participation.requireNetworkingEvent(id, p.userId);
    } catch (error) {
      void reply.send(this.pages.error(reply, await this.pages.viewer(request, p), error));
      return;
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    // One shared ticker in the hub writes changes and keep-alives; the connection holds nothing else.
    request.raw.on('close', this.hub.subscribe(id, p.userId, raw));
  }

  @Post('events/:id/networking/participation')
  @HttpCode(200)
  async optIn(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Form(NetworkingOptInPageForm) form: PageForm<NetworkingOptInPageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.act(p, id, request, reply, 'live', (userId) => {
      const { showAs, pseudonym, intro, interests } = form.value();
      return this.participation.optIn(id, userId, { showAs, pseudonym, intro: intro || null, interests });
    });
  }

  @Post('events/:id/networking/presence')
  @HttpCode(200)
  async presence(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Form(NetworkingPresencePageForm) form: PageForm<NetworkingPresencePageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.act(p, id, request, reply, 'live', (userId) =>
      form.value().here ? this.participation.arrive(id, userId) : this.participation.leave(id, userId),
    );
  }

  @Get('events/:id/networking/after')
  async after(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    try {
      if (!isUuid(id)) throw pageNotFound();
      if (!p)
        return this.pages.redirect(
          reply,
          `/sign-in?next=${encodeURIComponent(`/events/${id}/networking/after`)}`,
        );
      return this.pages.send(reply, await this.afterPage(viewer, id, p.userId));
    } catch (error) {
      return this.pages.error(reply, viewer, error);
    }
  }

  /** stay-in-touch, report or block, for someone I met. */
  @Post('events/:id/networking/people/:userId/:action')
  @HttpCode(200)
  async person(
    @OptionalUser() p: Principal | null,
    @Param('id') id: string,
    @Param('userId') otherId: string,
    @Param('action') action: string,
    @Form(NetworkingPersonPageForm) form: PageForm<NetworkingPersonPageForm>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return this.act(p, id, request, reply, 'after', async (userId) => {
      if (!isUuid(otherId)) throw pageNotFound();
      const { contact, message, reason } = form.value();
      if (action === 'stay-in-touch') {
        if (!contact) throw new DomainError('VALIDATION_FAILED', 'Say how they can reach you');
        await this.connections.stayInTouch(id, userId, otherId, { contact, message });
      } else if (action === 'report') {
        if (!reason) throw new DomainError('VALIDATION_FAILED', 'Say what happened');
        await this.connections.report(id, userId, otherId, reason);
      } else if (action === 'block') await this.connections.block(id, userId, otherId);
      else throw pageNotFound();
    });
  }

  /** A form post: same-origin check, sign-in, the change, then 303 back to the page (or the page with the refusal). */
  private async act(
    p: Principal | null,
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    back: 'live' | 'after',
    change: (userId: string) => Promise<unknown>,
  ): Promise<string> {
    const viewer = await this.pages.viewer(request, p);
    if (!this.pages.sameOrigin(request)) return this.pages.refused(reply, viewer);
    if (!isUuid(id)) return this.pages.error(reply, viewer, pageNotFound());
    const path = back === 'live' ? `/events/${id}/networking` : `/events/${id}/networking/after`;
    if (!p) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(path)}`);
    try {
      await change(p.userId);
      return this.pages.redirect(reply, path);
    } catch (error) {
      if (!(error instanceof DomainError) || back === 'after' || this.pages.statusOf(error) === 404)
        return this.pages.error(reply, viewer, error);
      try {
        return this.pages.send(
          reply,
          await this.livePage(viewer, id, p.userId, error.message),
          this.pages.statusOf(error),
        );
      } catch (inner) {
        return this.pages.error(reply, viewer, inner);
      }
    }
  }

  private async livePage(viewer: Viewer, id: string, userId: string, flash: string | null): Promise<string> {
    const context = await this.events.get(id, userId);
    const live = await this.participation.live(id, userId);
    return renderLivePage(viewer, {
      eventId: id,
      title: context.event.title,
      live,
      going: context.myRsvp === 'going',
      flash,
    });
  }

  private async afterPage(viewer: Viewer, id: string, userId: string): Promise<string> {
    const context = await this.events.get(id, userId);
    const met = await this.connections.met(id, userId);
    return renderAfterPage(viewer, { eventId: id, title: context.event.title, met, flash: null });
  }
}
