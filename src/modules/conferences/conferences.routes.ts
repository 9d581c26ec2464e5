import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { okSchema } from "../../contracts/shapes.ts";
import { staff } from "../../platform/http/access-rules.ts";
import type { RouteOptions } from "../../platform/http/context.ts";
import { errorResponses } from "../../platform/http/responses.ts";
import { isStaff } from "../accounts/index.ts";
import { addConferencePart } from "./add-conference-part.ts";
import {
  contributionInputSchema,
  delegationInputSchema,
  documentInputSchema,
  groupOfFriendsJoinInputSchema,
  sessionInputSchema,
} from "./conference-parts.schema.ts";
import {
  conferenceDetailSchema,
  conferenceIdParams,
  conferenceListSchema,
  conferencePartParams,
  conferenceSchema,
  createConferenceSchema,
  groupOfFriendsSchema,
  listConferencesQuerySchema,
  updateConferenceSchema,
} from "./conferences.schema.ts";
import { createConference } from "./create-conference.ts";
import { findConferences, getConferenceDetail } from "./find-conferences.ts";
import { findGroupOfFriends } from "./find-group-of-friends.ts";
import { removeConferencePart } from "./remove-conference-part.ts";
import { replaceConferencePart } from "./replace-conference-part.ts";
import { setGroupOfFriendsJoin } from "./set-group-of-friends-join.ts";
import { updateConference } from "./update-conference.ts";

const tags = ["conferences"];
const partId = z.object({ id: z.uuid() });

/** The parts of a conference the secretariat edits one by one, each with its input shape. */
const parts = [
  { kind: "sessions", label: "a session of the programme", body: sessionInputSchema },
  { kind: "delegations", label: "a delegation", body: delegationInputSchema },
  { kind: "documents", label: "a document (a link)", body: documentInputSchema },
  {
    kind: "contributions",
    label: "a preparatory contribution of the Group of Friends (¶2)",
    body: contributionInputSchema,
  },
] as const;

export const conferenceRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  app.get(
    "/conferences",
    {
      schema: {
        tags,
        summary: "List conferences (the public sees published ones)",
        querystring: listConferencesQuerySchema,
        response: { 200: conferenceListSchema, ...errorResponses },
      },
    },
    async (request) =>
      findConferences({
        db: ctx.db,
        query: request.query,
        publishedOnly: !isStaff(request.principal),
      }),
  );
  app.get(
    "/conferences/:id",
    {
      schema: {
        tags,
        summary:
          "Read a conference by id or code: programme, delegations, documents, announcements and their totals",
        params: conferenceIdParams,
        response: { 200: conferenceDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      getConferenceDetail({
        db: ctx.db,
        idOrCode: request.params.id,
        publishedOnly: !isStaff(request.principal),
      }),
  );
  app.post(
    "/conferences",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Create a conference (a draft until published)",
        body: createConferenceSchema,
        response: { 201: conferenceSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createConference({ db: ctx.db, input: request.body })),
  );
  app.patch(
    "/conferences/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Update or publish a conference",
        params: conferenceIdParams,
        body: updateConferenceSchema,
        response: { 200: conferenceSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateConference({ db: ctx.db, idOrCode: request.params.id, input: request.body }),
  );
  for (const part of parts) {
    app.post(
      `/conferences/:id/${part.kind}`,
      {
        config: { access: staff },
        schema: {
          tags,
          summary: `Add ${part.label}`,
          params: conferenceIdParams,
          body: part.body,
          response: { 201: partId, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await addConferencePart({
            db: ctx.db,
            idOrCode: request.params.id,
            kind: part.kind,
            input: request.body as never,
          }),
        ),
    );
    app.put(
      `/conferences/:id/${part.kind}/:partId`,
      {
        config: { access: staff },
        schema: {
          tags,
          summary: `Replace ${part.label}`,
          params: conferencePartParams,
          body: part.body,
          response: { 200: partId, ...errorResponses },
        },
      },
      async (request) =>
        replaceConferencePart({
          db: ctx.db,
          idOrCode: request.params.id,
          kind: part.kind,
          partId: request.params.partId,
          input: request.body as never,
        }),
    );
    app.delete(
      `/conferences/:id/${part.kind}/:partId`,
      {
        config: { access: staff },
        schema: {
          tags,
          summary: `Remove ${part.label}`,
          params: conferencePartParams,
          response: { 200: okSchema, ...errorResponses },
        },
      },
      async (request) =>
        removeConferencePart({
          db: ctx.db,
          idOrCode: request.params.id,
          kind: part.kind,
          partId: request.params.partId,
        }),
    );
  }
  app.get(
    "/group-of-friends",
    {
      schema: {
        tags,
        summary:
          "The Group of Friends (¶2): members, when each joined, what each announced, committed and disbursed, preparatory contributions",
        response: { 200: groupOfFriendsSchema, ...errorResponses },
      },
    },
    async (request) =>
      findGroupOfFriends({ db: ctx.db, publishedOnly: !isStaff(request.principal) }),
  );
  app.put(
    "/group-of-friends/:id",
    {
      config: { access: staff },
      schema: {
        tags,
        summary: "Record when a member joined the Group of Friends",
        params: partId,
        body: groupOfFriendsJoinInputSchema,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) =>
      setGroupOfFriendsJoin({ db: ctx.db, organizationId: request.params.id, input: request.body }),
  );
};
