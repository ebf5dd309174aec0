<?xml version="1.0" encoding="UTF-8"?>
<!-- A DTS passage (or a whole document) as plain text: the reading text (xslt/common/plain.xsl)
     of each block, one block a line, in document order.  The input is a TEI document whose body
     holds the passage, inside dts:wrapper or not.  No title, no notes: exactly the cited text. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:dts="https://w3id.org/api/dts#"
  exclude-result-prefixes="tei dts">

  <xsl:import href="../common/apparatus.xsl"/>   <!-- lemma-reading, which plain.xsl calls for an app -->
  <xsl:import href="../common/notes.xsl"/>
  <xsl:import href="../common/plain.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <!-- containers are read through; everything else inside one is a block of text -->
  <xsl:template match="/">
    <xsl:variable name="top" select="/tei:TEI/tei:text/tei:body"/>
    <xsl:for-each select="$top//*[not(self::tei:div or self::tei:lg or self::tei:sp or self::dts:wrapper)]
                          [parent::tei:div or parent::tei:lg or parent::tei:sp or parent::dts:wrapper
                           or parent::tei:body]">
      <xsl:variable name="line"><xsl:apply-templates select="." mode="plain"/></xsl:variable>
      <xsl:if test="normalize-space($line)">
        <xsl:value-of select="normalize-space($line)"/><xsl:text>&#10;</xsl:text>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
