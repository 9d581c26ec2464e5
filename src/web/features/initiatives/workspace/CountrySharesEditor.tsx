import { Input, SimpleGrid, TextInput } from "@mantine/core";
import { useI18n } from "../../../i18n/i18n.tsx";
import { fieldError } from "../../../ui/ApiErrorAlert.tsx";

/** A share typed per participating country; an empty one is "regional" (not recorded). */
export type ShareInputs = Record<string, string>;

/** The participating countries, lead included, as the API lists them. */
export const participating = (lead: string, countries: string[]) =>
  [...new Set([lead, ...countries].filter(Boolean))].sort();

/** The shares to send: the participating countries whose share is filled in, in order. */
export const sharesBody = (lead: string, countries: string[], shares: ShareInputs) =>
  participating(lead, countries)
    .map((country) => ({ country, percentage: (shares[country] ?? "").trim() }))
    .filter((share) => share.percentage !== "");

export const sharePaths = (lead: string, countries: string[], shares: ShareInputs) => [
  "country_shares",
  ...sharesBody(lead, countries, shares).flatMap((_, i) => [
    `country_shares.${i}`,
    `country_shares.${i}.country`,
    `country_shares.${i}.percentage`,
  ]),
];

/**
 * One percentage per participating country (IATI's recipient-country percentage). The API
 * checks each and their sum; its messages appear under the country they name.
 */
export function CountrySharesEditor({
  lead,
  countries,
  shares,
  onChange,
  error,
}: {
  lead: string;
  countries: string[];
  shares: ShareInputs;
  onChange: (shares: ShareInputs) => void;
  error: unknown;
}) {
  const { t, fmt } = useI18n();
  const sent = sharesBody(lead, countries, shares).map((share) => share.country);
  const list = participating(lead, countries);
  if (list.length === 0) return null;
  return (
    <Input.Wrapper
      label={t("form.countryShares")}
      description={t("form.countrySharesHelp")}
      error={fieldError(error, "country_shares", true)}
      data-testid="country-shares"
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mt={4}>
        {list.map((country) => {
          const index = sent.indexOf(country);
          return (
            <TextInput
              key={country}
              label={fmt.country(country)}
              inputMode="decimal"
              placeholder={t("country.shareRegional")}
              value={shares[country] ?? ""}
              onChange={(e) => onChange({ ...shares, [country]: e.currentTarget.value })}
              error={index >= 0 ? fieldError(error, `country_shares.${index}`) : undefined}
            />
          );
        })}
      </SimpleGrid>
    </Input.Wrapper>
  );
}
