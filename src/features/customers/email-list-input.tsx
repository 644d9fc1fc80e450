"use client";

import { useId, useState } from "react";
import { Button } from "@/components/button";
import { Input } from "@/components/input";
import { PlusIcon, XIcon } from "@/components/icons";

/**
 * Several emails per customer: one input each (all named "emails"), the first one primary.
 * Without JS the first input still submits.
 */
export function EmailListInput({ defaultEmails, error }: { defaultEmails: string[]; error?: string }) {
  const baseId = useId();
  const [emails, setEmails] = useState(defaultEmails.length ? defaultEmails : [""]);
  const errorId = `${baseId}-error`;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : `${baseId}-hint`}>
      <legend className="flex items-baseline gap-2 text-sm font-medium text-fg">
        Emails
        <span className="text-xs font-normal text-fg-subtle" aria-hidden="true">
          Required
        </span>
      </legend>
      <p id={`${baseId}-hint`} className="text-sm text-fg-subtle">
        The first email is the primary one. Each email belongs to one customer only.
      </p>
      {emails.map((value, index) => (
        <div key={index} className="flex items-center gap-2">
          <label htmlFor={`${baseId}-${index}`} className="sr-only">
            {index === 0 ? "Primary email" : `Email ${index + 1}`}
          </label>
          <Input
            id={`${baseId}-${index}`}
            name="emails"
            type="email"
            autoComplete="off"
            value={value}
            invalid={Boolean(error)}
            aria-invalid={error ? true : undefined}
            required={index === 0}
            onChange={(event) => setEmails((list) => list.map((v, i) => (i === index ? event.target.value : v)))}
          />
          {emails.length > 1 && (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              aria-label={`Remove email ${index + 1}`}
              onClick={() => setEmails((list) => list.filter((_, i) => i !== index))}
              icon={<XIcon />}
            />
          )}
        </div>
      ))}
      {emails.length < 10 && (
        <Button type="button" variant="secondary" size="sm" icon={<PlusIcon />} onClick={() => setEmails((list) => [...list, ""])}>
          Add another email
        </Button>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
