/**
 * The text with the password of every URL in it replaced by "***", safe for logs,
 * errors and status pages. The user part runs to the LAST "@" of the URL, so a
 * password holding "@", "/" or "#" is hidden whole; `password=` query values too.
 */
export function redactUrl(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => {
    const start = url.indexOf("://") + 3
    const at = url.lastIndexOf("@")
    let out = url
    if (at > start) {
      const colon = url.indexOf(":", start)
      if (colon !== -1 && colon < at) out = `${url.slice(0, colon)}:***${url.slice(at)}`
    }
    return out.replace(/([?&](?:password|pass|pwd)=)[^&#]*/gi, "$1***")
  })
}
