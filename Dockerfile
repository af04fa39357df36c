# One image for all Trajectwacht services; docker-compose.yml chooses the service with SERVICE.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/tools ./tools
COPY --from=build /app/infra/kafka/topics.json ./infra/kafka/topics.json
COPY --from=build /app/docs/examples ./docs/examples
# the dashboard's static files (the monitor serves them from apps/monitor/web)
COPY --from=build /app/apps/monitor/web ./apps/monitor/web
COPY package.json ./
USER node
ENV SERVICE=ingest
CMD ["sh", "-c", "exec node -r ./tools/register-paths.js dist/apps/${SERVICE}/src/main.js"]
