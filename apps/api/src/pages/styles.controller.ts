import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/auth.guard';
import { MEMBER_STYLE, MEMBER_STYLESHEET_PATH } from './member-style';
import { pageNotFound } from './member-context';

const FILE = MEMBER_STYLESHEET_PATH.slice('/styles/'.length);

/** The member pages' stylesheet under its hashed name, cached for a year; any other name is a 404. */
@ApiExcludeController()
@Public()
@Controller('styles')
export class StylesController {
  @Get(':file')
  stylesheet(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (file !== FILE) throw pageNotFound();
    void reply
      .header('Content-Type', 'text/css; charset=utf-8')
      .header('Cache-Control', 'public, max-age=31536000, immutable');
    return MEMBER_STYLE;
  }
}
