<?xml version="1.0" encoding="UTF-8"?>
<!-- The teiHeader as simple Dublin Core (oai_dc): what OAI-PMH's oai_dc records and the DTS
     Collection endpoint's dublinCore say about a document.  One mapping for both protocols.

     Parameters (from the document's record, which decides what the header leaves open):
       $date        the document's date, ISO 8601 (a range as FROM/TO); empty: none
       $identifier  the document's stable URL (or its id when the edition has no base URL)
       $type        the record type (Cable, Memorandum, ...); empty: none -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  exclude-result-prefixes="tei">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:param name="date" select="''"/>
  <xsl:param name="identifier" select="''"/>
  <xsl:param name="type" select="''"/>

  <xsl:variable name="h" select="/tei:TEI/tei:teiHeader"/>
  <xsl:variable name="sent" select="$h/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']"/>

  <xsl:template match="/">
    <oai_dc:dc xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
      <xsl:for-each select="($h/tei:fileDesc/tei:titleStmt/tei:title[@type = 'main'] | $h/tei:fileDesc/tei:titleStmt/tei:title[1])[1]">
        <dc:title><xsl:value-of select="normalize-space(.)"/></dc:title>
      </xsl:for-each>
      <xsl:for-each select="$sent/tei:persName | $sent/tei:orgName | $h/tei:fileDesc/tei:titleStmt/tei:author">
        <dc:creator><xsl:value-of select="normalize-space(.)"/></dc:creator>
      </xsl:for-each>
      <xsl:for-each select="$h/tei:fileDesc/tei:titleStmt/tei:editor">
        <dc:contributor><xsl:value-of select="normalize-space(.)"/></dc:contributor>
      </xsl:for-each>
      <xsl:for-each select="$h/tei:profileDesc/tei:textClass/tei:keywords[not(@scheme = '#classification' or @scheme = '#record-type')]/tei:term">
        <dc:subject><xsl:value-of select="normalize-space(.)"/></dc:subject>
      </xsl:for-each>
      <xsl:for-each select="($h/tei:fileDesc/tei:sourceDesc/tei:msDesc/tei:msContents/tei:summary | $h/tei:profileDesc/tei:abstract)[1]">
        <dc:description><xsl:value-of select="normalize-space(.)"/></dc:description>
      </xsl:for-each>
      <xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:publisher">
        <dc:publisher><xsl:value-of select="normalize-space(.)"/></dc:publisher>
      </xsl:for-each>
      <xsl:if test="string($date)"><dc:date><xsl:value-of select="$date"/></dc:date></xsl:if>
      <dc:type>Text</dc:type>
      <xsl:if test="string($type)"><dc:type><xsl:value-of select="$type"/></dc:type></xsl:if>
      <dc:format>application/tei+xml</dc:format>
      <xsl:if test="string($identifier)"><dc:identifier><xsl:value-of select="$identifier"/></dc:identifier></xsl:if>
      <xsl:for-each select="$h/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'citation'] | $h/tei:fileDesc/tei:sourceDesc/tei:biblStruct">
        <dc:source><xsl:value-of select="normalize-space(.)"/></dc:source>
      </xsl:for-each>
      <xsl:for-each select="$h/tei:fileDesc/tei:sourceDesc/tei:bibl[@type = 'citation']/tei:ref/@target[starts-with(., 'http')]">
        <dc:source><xsl:value-of select="."/></dc:source>
      </xsl:for-each>
      <xsl:for-each select="(/tei:TEI/tei:text/@xml:lang | /tei:TEI/@xml:lang | $h/tei:profileDesc/tei:langUsage/tei:language/@ident)[1]">
        <dc:language><xsl:value-of select="."/></dc:language>
      </xsl:for-each>
      <xsl:for-each select="($h/tei:profileDesc/tei:creation//tei:placeName | $sent/tei:placeName)[1]">
        <dc:coverage><xsl:value-of select="normalize-space(.)"/></dc:coverage>
      </xsl:for-each>
      <xsl:for-each select="$h/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence">
        <dc:rights><xsl:value-of select="normalize-space(concat(., ' ', @target))"/></dc:rights>
      </xsl:for-each>
    </oai_dc:dc>
  </xsl:template>
</xsl:stylesheet>
