import { Loader } from "@mantine/core";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n.tsx";

const SIZE = 200;

/**
 * The otpauth:// address as a QR code for the authenticator app, drawn in the browser (the
 * secret never leaves it): an SVG as a data URL, so the page's CSP needs nothing new. The
 * encoder loads only here, out of the first load.
 */
export function TotpQrCode({ uri }: { uri: string }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import("qrcode").then(async (module) => {
      // The package is CommonJS: its functions are the default export or the named ones.
      const qr = module.default ?? module;
      const svg = await qr.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [uri]);
  return src ? (
    <img
      src={src}
      alt={t("totp.qrAlt")}
      width={SIZE}
      height={SIZE}
      className="totp-qr"
      data-testid="totp-qr"
    />
  ) : (
    <Loader size="sm" aria-label={t("totp.qrLoading")} />
  );
}
