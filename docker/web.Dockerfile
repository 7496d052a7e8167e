# The web app alone, for serving from a CDN or a separate static host (the api serves it too).
#   docker build -f docker/web.Dockerfile -t mozaic-web .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx build web

FROM nginx:1.27-alpine
COPY --from=build /src/dist/apps/web/browser /usr/share/nginx/html
# Single-page app: unknown paths fall back to index.html; /api and /webhooks go to the api.
RUN printf 'server {\n  listen 80;\n  root /usr/share/nginx/html;\n  location /api/ { proxy_pass http://api:3000; }\n  location /webhooks/ { proxy_pass http://api:3000; }\n  location / { try_files $uri /index.html; }\n}\n' > /etc/nginx/conf.d/default.conf
EXPOSE 80
