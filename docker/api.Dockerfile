# MOZAIC api (serves the built web app too). Build from the repository root:
#   docker build -f docker/api.Dockerfile -t mozaic-api .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p api web

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/dist/apps/api/package.json /src/package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist/apps/api ./dist/apps/api
COPY --from=build /src/dist/apps/web ./dist/apps/web
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
