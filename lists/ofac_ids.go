package lists

import "strings"

// ofacDigitalCurrencyPrefix starts the OFAC label of a listed crypto
// address: "Digital Currency Address - XBT".
const ofacDigitalCurrencyPrefix = "digital currency address - "

// ofacCryptoTag returns the currency tag of an OFAC "Digital Currency
// Address - TAG" label (the tag as published, e.g. "XBT", "USDT").
func ofacCryptoTag(label string) (string, bool) {
	l := strings.TrimSpace(label)
	if len(l) > len(ofacDigitalCurrencyPrefix) && strings.EqualFold(l[:len(ofacDigitalCurrencyPrefix)], ofacDigitalCurrencyPrefix) {
		return strings.TrimSpace(l[len(ofacDigitalCurrencyPrefix):]), true
	}
	return "", false
}

// ofacIDType classifies an OFAC identification label, as used in SDN.XML
// idType, SDN_ADVANCED.XML feature and document types, and the legacy CSV
// remarks ("Passport", "National ID No.", "SWIFT/BIC", "Vessel Registration
// Identification", ...). Labels that are not identifiers of the entity
// (sanctions information, dates, "Target Type") give IDOther and false.
func ofacIDType(label string) (IDType, bool) {
	if t, ok := ofacBaseIDType(label); ok {
		return t, true
	}
	return ofacExtraIDType(strings.TrimSpace(label))
}

// ofacBaseIDType classifies the common labels, case-insensitively and by
// keywords; ofacExtraIDType knows the rarer labels by their exact spelling.
func ofacBaseIDType(label string) (IDType, bool) {
	l := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(label), ":")))
	switch l {
	case "nationality of registration", "registration country", "organization established date", "organization type",
		"target type", "gender", "title", "location":
		// Attributes, not identifiers: their values are countries, dates or kinds.
		return IDOther, false
	case "c.r. no.", "c.r. no", "commercial registration number", "company registration number":
		return IDRegistration, true
	case "passport", "diplomatic passport", "stateless person passport", "refugee id card", "travel document number":
		return IDPassport, true
	case "national id no.", "national id no", "cedula no.", "c.u.r.p.", "curp #", "identification number",
		"national foreign id number", "personal id card", "citizen's card number", "residency number", "id no.",
		"kenyan id no.", "turkish identification number", "numero de identidad", "dni", "ssn", "pasaporte",
		"electoral registry no.",
		"birth certificate number", "bosnian personal id no.", "afghan tazkira":
		if strings.Contains(l, "pasaporte") {
			return IDPassport, true
		}
		return IDNationalID, true
	case "tax id no.", "tax id no", "v.a.t. number", "vat number", "ruc #", "nit #.", "tin", "cuit", "inn", "kpp",
		"nit #", "rfc", "registro federal de contribuyentes", "romanian tax registration",
		"registro unico tributario", "r.f.c.":
		return IDTaxID, true
	case "swift/bic", "swift code", "bic":
		return IDSWIFTBIC, true
	case "vessel registration identification", "imo", "imo number", "imo no.":
		return IDIMO, true
	case "email address", "email", "e-mail":
		return IDEmail, true
	case "website", "web site", "url":
		return IDWebsite, true
	case "phone number", "phone", "telephone", "fax":
		return IDPhone, true
	case "driver's license no.", "driver's license no", "drivers license":
		return IDDriversLicense, true
	case "registration id", "registration number", "public registration number", "business registration number",
		"business registration document #", "unified social credit code (uscc)", "legal entity number",
		"company number", "commercial registry number", "certificate of incorporation number",
		"chamber of commerce number", "d-u-n-s number", "government gazette number", "trade license no.",
		"enterprise number", "bik (ru)", "matricula mercantil no", "afghan money service provider license number", "ogrn", "isin", "mmsi", "aircraft tail number", "previous aircraft tail number",
		"aircraft manufacturer's serial number (msn)", "aircraft construction number (also called l/n or s/n or f/n)",
		"aircraft mode s transponder code", "equity ticker", "micex code", "un/locode", "stock ticker",
		"other vessel call sign", "vessel call sign", "registration certificate number":
		if l == "vessel call sign" || l == "other vessel call sign" || l == "mmsi" {
			return IDOther, true
		}
		return IDRegistration, true
	}
	switch {
	case strings.Contains(l, "passport"):
		return IDPassport, true
	case strings.Contains(l, "national id"), strings.Contains(l, "identity card"), strings.Contains(l, "identification card"),
		strings.Contains(l, "personal id"), strings.HasSuffix(l, " id no."), strings.HasSuffix(l, " id number"):
		return IDNationalID, true
	case strings.Contains(l, "tax id"), strings.Contains(l, "taxpayer"):
		return IDTaxID, true
	case strings.Contains(l, "registration"), strings.Contains(l, "register"), strings.Contains(l, "license"), strings.Contains(l, "licence"):
		return IDRegistration, true
	}
	return IDOther, false
}

// ofacMarkDPRK flags as DPRK the OFAC entries that are listed under a North
// Korea program, or under another program (NPWMD, CYBER) while OFAC's
// remarks place them under the North Korea Sanctions Regulations — DPRK
// banks such as Korea Kwangson Banking Corp are listed under NPWMD with
// "Secondary sanctions risk: North Korea Sanctions Regulations".
func ofacMarkDPRK(entities []Entity) {
	for i := range entities {
		e := &entities[i]
		if !e.DPRK && strings.Contains(e.Remarks, "North Korea Sanctions Regulations") {
			e.DPRK = true
		}
	}
}
